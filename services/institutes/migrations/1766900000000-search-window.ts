import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search window (AchievementRepository.search): each achievement's words, one row per
 * lexeme of its `search` vector, with how much the word weighs in it, so that a search can
 * walk a word's achievements heaviest first by a B-tree and stop after a fixed number,
 * instead of reading every achievement the word occurs in.
 *
 * - `impact`: the word's weighted occurrences in the achievement, each weighing what
 *   `ts_rank` gives its part by default (title 1.0, keywords 0.4, summary 0.2, other 0.1).
 * - `id`, `visibility`, `institute_id`: the achievement's, named as in `achievement`, so the
 *   caller's visibility rule (access.ts) applies to the walk unchanged, from the index alone.
 *
 * Statement triggers keep the table in the writing transaction, whoever writes; a deleted
 * achievement takes its rows with it.
 */
export class SearchWindow1766900000000 implements MigrationInterface {
  name = 'SearchWindow1766900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE institutes.achievement_term (
        id text NOT NULL REFERENCES institutes.achievement (id) ON DELETE CASCADE,
        lexeme text NOT NULL,
        impact real NOT NULL,
        visibility text NOT NULL,
        institute_id text NOT NULL,
        PRIMARY KEY (id, lexeme)
      )`);
    // An achievement's words and their impact, from its search vector: the one definition the
    // triggers, the backfill and the tests use. One SELECT of one expression per word (no
    // aggregate), so PostgreSQL inlines it where it is called.
    await db.query(`
      CREATE FUNCTION institutes.achievement_words(search tsvector)
        RETURNS TABLE (lexeme text, impact real)
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT w.lexeme, CAST(
            1.0 * cardinality(array_positions(w.weights, 'A')) +
            0.4 * cardinality(array_positions(w.weights, 'B')) +
            0.2 * cardinality(array_positions(w.weights, 'C')) +
            0.1 * cardinality(array_positions(w.weights, 'D')) AS real)
          FROM unnest(search) w
        $$`);
    // Statement triggers over the transition tables: a bulk insert (the scale generator's
    // 5,000 achievements at a time) indexes its rows in one statement, not one per row.
    await db.query(`
      CREATE FUNCTION institutes.index_added_achievements() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO institutes.achievement_term (id, lexeme, impact, visibility, institute_id)
            SELECT a.id, w.lexeme, w.impact, a.visibility, a.institute_id
            FROM added a, institutes.achievement_words(a.search) w;
          RETURN NULL;
        END
      $$`);
    await db.query(`
      CREATE FUNCTION institutes.index_changed_achievements() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          -- Only rows whose words, visibility or institute changed are indexed again.
          DELETE FROM institutes.achievement_term t
            USING after_rows n JOIN before_rows o ON o.id = n.id
            WHERE t.id = n.id AND (o.search, o.visibility, o.institute_id)
              IS DISTINCT FROM (n.search, n.visibility, n.institute_id);
          INSERT INTO institutes.achievement_term (id, lexeme, impact, visibility, institute_id)
            SELECT n.id, w.lexeme, w.impact, n.visibility, n.institute_id
            FROM after_rows n JOIN before_rows o ON o.id = n.id, institutes.achievement_words(n.search) w
            WHERE (o.search, o.visibility, o.institute_id)
              IS DISTINCT FROM (n.search, n.visibility, n.institute_id);
          RETURN NULL;
        END
      $$`);
    await db.query(`
      CREATE TRIGGER achievement_terms_on_insert AFTER INSERT ON institutes.achievement
        REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION institutes.index_added_achievements()`);
    await db.query(`
      CREATE TRIGGER achievement_terms_on_update AFTER UPDATE ON institutes.achievement
        REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
        FOR EACH STATEMENT EXECUTE FUNCTION institutes.index_changed_achievements()`);
    await db.query(`
      INSERT INTO institutes.achievement_term (id, lexeme, impact, visibility, institute_id)
        SELECT a.id, w.lexeme, w.impact, a.visibility, a.institute_id
        FROM institutes.achievement a, institutes.achievement_words(a.search) w`);
    await db.query(`
      CREATE INDEX achievement_term_walk_idx ON institutes.achievement_term
        (lexeme, impact DESC, id) INCLUDE (visibility, institute_id)`);
    // The lexemes of the query's indexable part (its negated words are not), de-quoted as
    // tsquery's output quotes them: a match holds some of them, or all without an OR.
    await db.query(`
      CREATE FUNCTION institutes.query_lexemes(q tsquery) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT replace(m[1], '''''', '''')), '{}')
          FROM regexp_matches(querytree(q), '''((?:[^'']|'''')*)''', 'g') m
        $$`);
    // True when every match holds every one of those lexemes: no OR in the indexable part.
    await db.query(`
      CREATE FUNCTION institutes.query_needs_every_lexeme(q tsquery) RETURNS boolean
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT position('|' IN regexp_replace(querytree(q), '''(?:[^'']|'''')*''', '', 'g')) = 0
        $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION institutes.query_needs_every_lexeme(tsquery)`);
    await db.query(`DROP FUNCTION institutes.query_lexemes(tsquery)`);
    await db.query(`DROP TRIGGER achievement_terms_on_update ON institutes.achievement`);
    await db.query(`DROP TRIGGER achievement_terms_on_insert ON institutes.achievement`);
    await db.query(`DROP FUNCTION institutes.index_changed_achievements()`);
    await db.query(`DROP FUNCTION institutes.index_added_achievements()`);
    await db.query(`DROP FUNCTION institutes.achievement_words(tsvector)`);
    await db.query(`DROP TABLE institutes.achievement_term`);
  }
}
