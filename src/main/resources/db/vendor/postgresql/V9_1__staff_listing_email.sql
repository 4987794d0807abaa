-- PostgreSQL only: email compares ignoring case (lower(email)), an expression H2 cannot index.
create index if not exists ix_person_email_lower on person (lower(email));
