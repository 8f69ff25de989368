-- The legal basis under which a personal item leaves in clear where profiles mask personal data by
-- default (aggregation, open data); set through the catalog's review only.
alter table catalog_item add column clear_basis varchar(2000);
