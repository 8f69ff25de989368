-- At the agency's node, what was sent up counts its own working days from its receipt here
-- (art. 8, 18, 26); the department's date, counted from its receipt below, is kept beside it.
alter table relayed_review add column due_by date;
alter table relayed_review add column origin_due_by date;
