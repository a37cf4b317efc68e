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
 * A row trigger keeps the table in the writing transaction, whoever writes; a deleted
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
    await db.query(`
      CREATE FUNCTION institutes.term_impact(weights text[]) RETURNS real
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT coalesce(sum(CASE w WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.4 WHEN 'C' THEN 0.2 ELSE 0.1 END), 0.1)::real
          FROM unnest(weights) w
        $$`);
    await db.query(`
      CREATE FUNCTION institutes.index_achievement_terms() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            DELETE FROM institutes.achievement_term WHERE id = OLD.id;
          END IF;
          INSERT INTO institutes.achievement_term (id, lexeme, impact, visibility, institute_id)
            SELECT NEW.id, w.lexeme, institutes.term_impact(w.weights), NEW.visibility, NEW.institute_id
            FROM unnest(NEW.search) w;
          RETURN NULL;
        END
      $$`);
    await db.query(`
      CREATE TRIGGER achievement_terms_on_insert AFTER INSERT ON institutes.achievement
        FOR EACH ROW EXECUTE FUNCTION institutes.index_achievement_terms()`);
    await db.query(`
      CREATE TRIGGER achievement_terms_on_update AFTER UPDATE ON institutes.achievement
        FOR EACH ROW
        WHEN (OLD.search IS DISTINCT FROM NEW.search
          OR OLD.visibility IS DISTINCT FROM NEW.visibility
          OR OLD.institute_id IS DISTINCT FROM NEW.institute_id)
        EXECUTE FUNCTION institutes.index_achievement_terms()`);
    await db.query(`
      INSERT INTO institutes.achievement_term (id, lexeme, impact, visibility, institute_id)
        SELECT a.id, w.lexeme, institutes.term_impact(w.weights), a.visibility, a.institute_id
        FROM institutes.achievement a, unnest(a.search) w`);
    await db.query(`
      CREATE INDEX achievement_term_walk_idx ON institutes.achievement_term
        (lexeme, impact DESC, id) INCLUDE (visibility, institute_id)`);
    // The lexemes a match must hold some of: those of the query's indexable part (negated
    // words and phrases are not), de-quoted as tsquery's output quotes them.
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
    await db.query(`DROP FUNCTION institutes.index_achievement_terms()`);
    await db.query(`DROP FUNCTION institutes.term_impact(text[])`);
    await db.query(`DROP TABLE institutes.achievement_term`);
  }
}
