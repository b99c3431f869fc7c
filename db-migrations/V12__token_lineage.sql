-- the token a token was created with: revoking a token revokes every token minted with it, recursively
alter table api_token add column minted_by bigint references api_token (id);
create index api_token_minted_by_idx on api_token (minted_by);
