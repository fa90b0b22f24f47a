-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0008_outbox_claim: while SMS wait out the quiet hours (21:00-08:00 by
-- default), the notifier claims e-mail only. With ix_outbox_due alone that
-- claim would read past every waiting SMS row, oldest first, on every
-- claim; this index leads it straight to the due e-mail rows.
ALTER TABLE outbox ADD KEY ix_outbox_channel_due (state, channel, next_attempt_at);
