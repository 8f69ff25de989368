-- A natural person who applies with an identity the identity platform (OpenID Connect) vouched for:
-- the store keeps a digest of the platform's issuer and subject, to find that person's applications
-- again, and the subject itself only masked (person_id_masked), never in clear.
alter table data_request add column person_subject_hash varchar(64);
create index data_request_person_subject on data_request (person_subject_hash);
