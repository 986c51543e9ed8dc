import type { CallerContext, Logger } from '@lobby/platform';
import type { ActiveBuildingsClient } from './active-buildings.client.js';

/**
 * The caller's ACTIVE buildings for one request: asked of buildings at most once, when first
 * needed (many listings, one lookup).
 */
export class ViewerBuildings {
  private lookup: Promise<ReadonlySet<string>> | undefined;
  private reading: Promise<ReadonlySet<string>> | undefined;

  constructor(
    private readonly client: ActiveBuildingsClient,
    private readonly caller: CallerContext,
    private readonly logger: Logger,
  ) {}

  /** For decisions that grant access to write: SERVICE_UNAVAILABLE when buildings does not answer. */
  forWriting(): Promise<ReadonlySet<string>> {
    return (this.lookup ??= this.client.activeBuildingIds(this.caller).then((ids) => new Set(ids)));
  }

  /**
   * For reads: when buildings does not answer, the caller counts as a member of no building, so
   * PUBLIC listings stay readable and nothing else is shown (a refusal never leaks a row).
   */
  forReading(): Promise<ReadonlySet<string>> {
    return (this.reading ??= this.forWriting().catch((error: unknown) => {
      this.logger.warn({ err: error, requestId: this.caller.requestId }, 'buildings unavailable: showing public listings only');
      return new Set<string>();
    }));
  }
}
