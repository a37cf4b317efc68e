import { givenProject } from './builders';
import { givenBooking, givenFacility } from './builders-capital';
import { startFederation, type Federation } from './federation';

/**
 * `Project.nextBooking` (pilot-bases), what the board's cards show: of a project's runs still
 * to come or going on, the one that starts first; members only; one statement for a page.
 */

const NEXT = /* GraphQL */ `
  query Next($id: ID!) {
    project(id: $id) {
      nextBooking {
        start
        end
        status
        facility {
          name
        }
      }
    }
  }
`;

type Next = { project: { nextBooking: { start: string; end: string; status: string } | null } };

let federation: Federation;
let member: string;
let facilityId: string;

beforeAll(async () => {
  federation = await startFederation();
  member = await federation.token('institute:dicp', 'VIEWER');
  facilityId = (await givenFacility(federation, { baseId: 'tengzhou' })).id;
});
afterAll(async () => {
  await federation.stop();
});

async function nextOf(projectId: string, token?: string): Promise<Next['project']['nextBooking']> {
  const response = await federation.query<Next>(NEXT, { id: projectId }, token);
  expect(response.errors).toBeUndefined();
  return response.data!.project.nextBooking;
}

test('the run that starts first among those still to come, cancelled and past ones left out', async () => {
  const project = await givenProject(federation);
  await givenBooking(federation, {
    facilityId,
    projectId: project.id,
    start: '2032-01-01',
    end: '2032-02-01',
    status: 'CANCELLED',
  });
  await givenBooking(federation, {
    facilityId,
    projectId: project.id,
    start: '2032-05-01',
    end: '2032-06-01',
    status: 'CONFIRMED',
  });
  await givenBooking(federation, {
    facilityId,
    projectId: project.id,
    start: '2032-03-01',
    end: '2032-04-01',
  });
  await givenBooking(federation, {
    facilityId,
    projectId: project.id,
    start: '2020-03-01',
    end: '2020-04-01',
    status: 'CONFIRMED',
  });
  expect(await nextOf(project.id, member)).toMatchObject({
    start: '2032-03-01',
    end: '2032-04-01',
    status: 'REQUESTED',
  });
});

test('a run going on now is the next one; a run that ended is not', async () => {
  const running = await givenProject(federation);
  await givenBooking(federation, {
    facilityId: (await givenFacility(federation, { baseId: 'tengzhou' })).id,
    projectId: running.id,
    start: '2024-01-01',
    end: '2040-01-01',
    status: 'RUNNING',
  });
  expect(await nextOf(running.id, member)).toMatchObject({ start: '2024-01-01', status: 'RUNNING' });

  const over = await givenProject(federation);
  const otherFacility = (await givenFacility(federation, { baseId: 'tengzhou' })).id;
  await givenBooking(federation, {
    facilityId: otherFacility,
    projectId: over.id,
    start: '2021-01-01',
    end: '2021-02-01',
    status: 'CONFIRMED',
  });
  expect(await nextOf(over.id, member)).toBeNull();
});

test('anonymous callers see no booking, as with Project.bookings', async () => {
  const project = await givenProject(federation);
  await givenBooking(federation, {
    facilityId,
    projectId: project.id,
    start: '2033-01-01',
    end: '2033-02-01',
  });
  expect(await nextOf(project.id)).toBeNull();
  expect(await nextOf(project.id, member)).toMatchObject({ start: '2033-01-01' });
});

test('a page of projects costs the pilot bases one statement for their next runs', async () => {
  const query = (first: number) =>
    federation.query<{ projects: { edges: { node: { nextBooking: unknown } }[] } }>(
      `query($first: Int) { projects(first: $first) { edges { node { code nextBooking { start } } } } }`,
      { first },
      member,
    );
  const few = await federation.statementsDuring(() => query(2));
  const many = await federation.statementsDuring(() => query(40));
  expect(many['pilot-bases']).toBe(few['pilot-bases']);
  expect(many['pilot-bases']).toBe(1);
});
