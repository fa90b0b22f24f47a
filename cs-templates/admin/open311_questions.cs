<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# open311_questions.cs: the categories' questions, which the Open311 API
# offers as each service's attributes (services/{code}): the list by
# category, removing one, and the form that adds one or changes the one
# with the same code. Only categories in the supervisor's reach are
# editable (q.mine). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.AdminOpen311Questions ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><?cs var:L.Open311.QuestionsLead ?></p>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Title.AdminOpen311Questions ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Open311.Category ?></th>
    <th scope="col"><?cs var:L.Open311.Code ?></th>
    <th scope="col"><?cs var:L.Open311.Datatype ?></th>
    <th scope="col"><?cs var:L.Open311.Required ?></th>
    <th scope="col"><?cs var:L.Open311.Question ?></th>
    <th scope="col"><?cs var:L.Open311.Values ?></th>
    <th scope="col"><?cs var:L.Open311.Actions ?></th>
  </tr></thead>
  <tbody>
<?cs each:q = Open311.Questions ?>
    <tr>
      <td data-label="<?cs var:L.Open311.Category ?>"><?cs var:q.category ?> (<?cs var:q.category_id ?>)</td>
      <td data-label="<?cs var:L.Open311.Code ?>"><?cs if:q.code ?><code><?cs var:q.code ?></code><?cs else ?><?cs var:L.Open311.NoQuestions ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Open311.Datatype ?>"><?cs var:q.datatype ?></td>
      <td data-label="<?cs var:L.Open311.Required ?>"><?cs if:q.required == "1" ?><?cs var:L.Open311.Yes ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Open311.Question ?>"><?cs var:q.question_ko ?><?cs if:q.question_en ?> / <span lang="en"><?cs var:q.question_en ?></span><?cs /if ?></td>
      <td data-label="<?cs var:L.Open311.Values ?>"><?cs var:q.value_list ?></td>
      <td data-label="<?cs var:L.Open311.Actions ?>"><?cs if:q.code && q.mine == "1" ?>
        <form method="post" action="/admin/open311/questions/delete" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
          <input type="hidden" name="category" value="<?cs var:q.category_id ?>">
          <input type="hidden" name="code" value="<?cs var:q.code ?>">
          <button type="submit"><?cs var:L.Open311.Remove ?><span class="visually-hidden"> <?cs var:q.code ?></span></button>
        </form><?cs /if ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<h2><?cs var:L.Open311.QuestionNew ?></h2>
<p><?cs var:L.Open311.QuestionNewHint ?></p>
<form method="post" action="/admin/open311/questions">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs call:form_errors() ?>
  <div class="field">
    <label for="category"><?cs var:L.Open311.Category ?></label>
    <select id="category" name="category" required<?cs call:field_aria("category") ?>><?cs
    each:q = Open311.Questions ?><?cs if:q.mine == "1" && q.category_id != last_category ?>
      <option value="<?cs var:q.category_id ?>"<?cs if:Form.category == q.category_id ?> selected<?cs /if ?>><?cs var:q.category ?></option><?cs
    /if ?><?cs set:last_category = q.category_id ?><?cs /each ?>
    </select>
    <?cs call:field_error("category") ?>
  </div>
  <?cs call:text_input_field("code", L.Open311.Code, 50, "en") ?>
  <div class="field">
    <label for="datatype"><?cs var:L.Open311.Datatype ?></label>
    <select id="datatype" name="datatype"<?cs call:field_aria("datatype") ?>><?cs
    each:t = L.Open311.Types ?>
      <option value="<?cs name:t ?>"<?cs if:Form.datatype == name(t) ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?>
    </select>
    <?cs call:field_error("datatype") ?>
  </div>
  <?cs call:checkbox_field("required", L.Open311.Required, "", "") ?>
  <?cs call:text_input_field("question_ko", L.Open311.QuestionKo, 200, "ko") ?>
  <?cs call:text_input_field("question_en", L.Open311.QuestionEn, 200, "en") ?>
  <div class="field">
    <label for="value_list"><?cs var:L.Open311.Values ?></label>
    <textarea id="value_list" name="value_list" rows="4" maxlength="2000"<?cs call:field_aria_hint("value_list", "values-hint") ?>><?cs var:Form.value_list ?></textarea>
    <?cs call:hint_and_error("value_list", "values-hint", L.Open311.ValuesHint) ?>
  </div>
  <?cs call:number_input_field("sort_order", L.Open311.Order, 0, 10000, "", "") ?>
  <p><button type="submit"><?cs var:L.Open311.Save ?></button></p>
</form>
