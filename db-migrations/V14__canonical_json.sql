-- Block specs are hashed over RFC 8785 canonical JSON from V14 on (numbers normalised: 8 and 8.0 are one version).
-- A version's identity is only meaningful with the canonical form it was computed with, so each row records it.
-- Rows written before V14 hashed the spec with sorted keys and the numbers as spelled ('sorted-keys'); the upload path
-- also looks those rows up under that form, so re-sending an existing spec finds its version instead of a new one.
alter table model_version add column canonical_json text not null default 'rfc8785'
  check (canonical_json in ('rfc8785', 'sorted-keys'));

update model_version set canonical_json = 'sorted-keys' where kind = 'block_spec';

comment on column model_version.canonical_json is
  'The canonical JSON its block-spec identity hashes: rfc8785, or sorted-keys (before V14; see CanonicalJson)';
