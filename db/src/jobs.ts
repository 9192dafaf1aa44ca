import type { Db } from './driver.js';

interface JobRow {
  job_id: number;
  schedule_interval_s: number;
}

/**
 * PGlite runs no background workers, so the embedded database's refresh,
 * compression and retention policies would never fire. This runs each due job
 * with `CALL run_job` on the job's own schedule. (A TimescaleDB server runs them
 * itself; this is only started for the embedded driver.)
 */
export class EmbeddedJobRunner {
  private timer: NodeJS.Timeout | undefined;
  private readonly lastRun = new Map<number, number>();
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly onError: (jobId: number, err: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  start(tickMs = 15_000): void {
    this.timer = setInterval(() => void this.runDue(), tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs every job whose interval has passed since its last run here; returns the ids run. */
  async runDue(): Promise<number[]> {
    if (this.running) return [];
    const ran: number[] = [];
    const work = (async () => {
      const jobs = await this.db.query<JobRow>(
        `SELECT job_id, extract(epoch FROM schedule_interval)::float8 AS schedule_interval_s
           FROM timescaledb_information.jobs WHERE job_id >= 1000 AND scheduled ORDER BY job_id`,
      );
      for (const job of jobs.rows) {
        const last = this.lastRun.get(job.job_id) ?? 0;
        if (this.now() - last < job.schedule_interval_s * 1000) continue;
        this.lastRun.set(job.job_id, this.now());
        try {
          await this.db.exec(`CALL run_job(${Number(job.job_id)})`);
          ran.push(job.job_id);
        } catch (err) {
          this.onError(job.job_id, err);
        }
      }
    })();
    this.running = work.then(
      () => undefined,
      () => undefined,
    );
    try {
      await work;
    } finally {
      this.running = undefined;
    }
    return ran;
  }
}
