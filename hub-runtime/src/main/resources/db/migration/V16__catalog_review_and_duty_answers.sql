-- Every catalog change is reviewed by the agency before it is published (art. 8), except the
-- editorial ones it declared; an open-type raise records the security and secrecy review
-- (art. 25) the reviewer filled in when approving. Duty changes (art. 8) count from the day the
-- law or duty changed, and are answered by a catalog change or a reasoned "no change needed"
-- that the agency accepts or rejects.

alter table catalog_change add column editorial boolean default false not null;
alter table catalog_change add column open_raise boolean default false not null;
-- the security and secrecy review of an open-type raise, filled by the approving reviewer
alter table catalog_change add column review_deidentification text;
alter table catalog_change add column review_consent_or_basis text;
alter table catalog_change add column review_secrecy_checked text;

-- the day the law, regulation or rule changed, or the duty moved: the deadline counts from it
alter table catalog_duty_change add column changed_on date;
update catalog_duty_change set changed_on = registered_on where changed_on is null;
-- how it was answered: CATALOG_CHANGE (answer_change_id), NEW_RESOURCE (answer_resource) or NO_CHANGE_NEEDED (answer)
alter table catalog_duty_change add column answer_kind varchar(20);
alter table catalog_duty_change add column answer_change_id bigint references catalog_change (id);
alter table catalog_duty_change add column answer_resource varchar(64) references catalog_resource (code);
-- the agency's decision on a "no change needed": ACCEPTED or REJECTED
alter table catalog_duty_change add column answer_decision varchar(16);
alter table catalog_duty_change add column decided_at timestamp with time zone;
alter table catalog_duty_change add column decided_by varchar(64);
alter table catalog_duty_change add column decision_note text;
-- earlier free-text answers closed nothing the agency reviewed: they stay as they were, read as accepted
update catalog_duty_change set answer_kind = 'NO_CHANGE_NEEDED', answer_decision = 'ACCEPTED'
    where answered_at is not null and answer_kind is null;
