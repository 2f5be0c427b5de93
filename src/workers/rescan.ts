import { rescanInbox } from '../jobs/scheduler.ts';
import type { Task } from './context.ts';

export const rescan: Task<'inbox'> = async (_payload, { queues, config, db, log }) => rescanInbox({ queues, config, db }, log);
