-- Name search by the start of any word (issue 3: "nguyen van an" and "van an" find "Nguyễn Văn
-- An"): one row per word of the folded name, holding the name from that word on. A search is one
-- range of the b-tree below, read in order, so a page of a common name costs the same at a
-- million persons as at a thousand (a trigram index would have to rank every "nguyen").
-- Written by the application with the person; V10_2 fills it for existing persons.
create table person_name_key (
    person_id  varchar(36)  not null references person (id) on delete cascade,
    name_key   varchar(300) not null,
    realm      varchar(64)  not null,
    primary key (person_id, name_key)
);
create index ix_person_name_key on person_name_key (realm, name_key, person_id);
