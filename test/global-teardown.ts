import { dropTemplates } from './templates';

/** Once per jest run, after the last test file: removes the run's templates. */
export default async function globalTeardown(): Promise<void> {
  await dropTemplates();
}
