-- PostgreSQL only (spring.flyway.locations adds db/vendor/{vendor}): name search matches a word
-- anywhere in the folded name (name_search like '% word%'), which no b-tree index serves; at a
-- million persons that is a full scan. A trigram index (pg_trgm) serves both patterns of the
-- search. Where the database user may not create the extension, the search still works, by
-- scanning, and a notice says why; an administrator can run `create extension pg_trgm` and
-- create the index later (see README).
do $$
begin
    create extension if not exists pg_trgm;
exception when insufficient_privilege then
    raise notice 'pg_trgm cannot be created by this user: person name search will scan';
end
$$;

do $$
begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index if not exists ix_person_name_trgm on person using gin (name_search gin_trgm_ops);
    end if;
end
$$;
