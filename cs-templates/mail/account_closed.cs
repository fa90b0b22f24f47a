<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # account_closed.cs: the account was closed at its owner's request (lib/auth/rights.c; see README), sent to the address just before it is removed. ?>
<?cs include:"mail/common.cs" ?><?cs set:MyUrl = Site.base_url + "/" ?><?cs call:notice(L.Mail.account_closed, MyUrl, L.Mail.account_closed.Link, 0) ?>
