import type { DataSource } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../../../shared/errors';
import type { Caller } from '../../../shared/identity';
import { referenced } from '../../../shared/loaders';
import { secretariatOfCaller } from '../access';
import type { AllianceContext } from '../context';
import type { ProjectEntity } from '../projects/project.entity';
import { AllianceEntity, FIRST_ALLIANCE } from './alliance.entity';

/**
 * The alliance whose secretariat the caller speaks for: a token of organization
 * `alliance:<secretariat>` with role SECRETARIAT. Each alliance's secretariat runs its own
 * register and projects only; FORBIDDEN, saying what the caller may not do, for anyone else.
 */
export async function secretariatsAlliance(
  db: DataSource,
  caller: Caller,
  doing: string,
): Promise<AllianceEntity> {
  const secretariat = secretariatOfCaller(caller);
  const alliance = secretariat ? await db.manager.findOneBy(AllianceEntity, { secretariat }) : null;
  if (!alliance) throw new ForbiddenError(`Only an alliance's secretariat ${doing}`);
  return alliance;
}

/**
 * The alliance a new member or project joins (`allianceId`, the first alliance when left
 * out), when the caller is its secretariat: NOT_FOUND on `field` for an unknown alliance,
 * FORBIDDEN for another alliance's secretariat or anyone else.
 */
export async function secretariatOf(
  db: DataSource,
  caller: Caller,
  allianceId: string | null | undefined,
  field: string,
  doing: string,
): Promise<AllianceEntity> {
  const id = allianceId ?? FIRST_ALLIANCE;
  const own = await secretariatsAlliance(db, caller, doing);
  if (own.id === id) return own;
  if (!(await db.manager.existsBy(AllianceEntity, { id }))) throw new NotFoundError('Alliance', id, field);
  throw new ForbiddenError(`Only the secretariat of alliance ${id} ${doing} for it`);
}

/** FORBIDDEN unless the record (a member, a project) is in the secretariat's own alliance. */
export function assertOwnAlliance(own: AllianceEntity, record: { allianceId: string }, doing: string): void {
  if (record.allianceId !== own.id) {
    throw new ForbiddenError(`Only the secretariat of alliance ${record.allianceId} ${doing}`);
  }
}

/**
 * FORBIDDEN unless the caller is the secretariat of the alliance whose project an agreement
 * is for: each alliance's secretariat records its own projects' agreements, distributions
 * and risk pools. An agreement that does not exist passes (for a secretariat), so the write
 * that follows answers NOT_FOUND on its field as before.
 */
export async function assertAgreementsSecretariat(
  db: DataSource,
  caller: Caller,
  agreementId: string,
  doing: string,
): Promise<void> {
  const own = await secretariatsAlliance(db, caller, doing);
  const [row] = await db.query<{ alliance_id: string }[]>(
    `SELECT p.alliance_id FROM alliance.benefit_agreement a JOIN alliance.project p ON p.id = a.project_id
     WHERE a.id = $1`,
    [agreementId],
  );
  if (row) assertOwnAlliance(own, { allianceId: row.alliance_id }, doing);
}

/** The secretariat (as its tokens name it) of an alliance, through the request's loaders. */
export async function secretariatOfAlliance(allianceId: string, ctx: AllianceContext): Promise<string> {
  return (await referenced(ctx.loaders.alliance.load(allianceId), `alliance ${allianceId}`)).secretariat;
}

/** The secretariat of the alliance a project (at hand, or by id) belongs to. */
export async function secretariatOfProject(
  of: ProjectEntity | string,
  ctx: AllianceContext,
): Promise<string> {
  const project =
    typeof of === 'string' ? await referenced(ctx.loaders.project.load(of), `project ${of}`) : of;
  return secretariatOfAlliance(project.allianceId, ctx);
}
