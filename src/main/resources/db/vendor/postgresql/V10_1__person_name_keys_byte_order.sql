-- PostgreSQL only: a LIKE prefix is an index range only under the "C" collation (byte order);
-- under a language collation such as C.UTF-8 or vi_VN it is a scan. Keys are folded to lower
-- case without diacritics, so byte order is also a sensible listing order. The table is still
-- empty here (V10_2 fills it), so the index rebuild costs nothing.
alter table person_name_key alter column name_key type varchar(300) collate "C";
