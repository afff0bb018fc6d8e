import { Inject, Injectable } from '@nestjs/common';
import type { EpochMs } from '@underpin/domain';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@underpin/platform';
import { CLOCK_CATALOG_SOURCE, type CatalogVersionRef, type ClockCatalogSource } from './clock-catalog-source.type';
import { compileCatalog, type CompiledCatalog } from './compiled-catalog.util';

/** Earlier versions kept compiled: only incidents open across a catalogue change need them. */
const EARLIER_COMPILED = 8;

/**
 * The catalogue versions with their calendars compiled, once per version. A version is in
 * force from when it was published, never later than when this service first saw it (a
 * publisher's clock a little ahead must not leave the catalogue in force in the future);
 * the first one also covers everything before it, for history loaded afterwards.
 */
@Injectable()
export class CompiledCatalogsService {
  private latest: CompiledCatalog | undefined;
  private readonly earlier = new Map<number, CompiledCatalog>();
  private readonly seenAt = new Map<number, EpochMs>();

  constructor(
    @Inject(CLOCK_CATALOG_SOURCE) private readonly source: ClockCatalogSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {
    source.onChange((next) => void this.seenAt.set(next.seq, this.runtime.now()));
  }

  /** The latest catalogue, in force from its start. */
  current(): CompiledCatalog | undefined {
    const version = this.source.current();
    if (version === undefined) return undefined;
    if (this.latest?.seq !== version.seq || this.latest.revision !== version.revision) {
      this.latest = compileCatalog(version, this.startsOf(this.source.versions()).get(version.seq) ?? Number.NEGATIVE_INFINITY);
    }
    return this.latest;
  }

  /**
   * The versions in force at some instant between `from` and `to`, oldest first: the one in
   * force at `from`, then every later one that started by `to`.
   */
  async over(from: EpochMs, to: EpochMs): Promise<CompiledCatalog[]> {
    const latest = this.current();
    if (latest === undefined) return [];
    const refs = this.source.versions();
    if (refs.length <= 1) return [latest];
    const starts = this.startsOf(refs);
    const wanted: CatalogVersionRef[] = [];
    for (const ref of refs) {
      const start = starts.get(ref.seq)!;
      if (start > to) break;
      if (start <= from) wanted.length = 0;
      wanted.push(ref);
    }
    return Promise.all(wanted.map((ref) => this.compiled(ref, starts.get(ref.seq)!)));
  }

  /** Start of each version: published, clamped between its predecessor's start and when it was first seen. */
  private startsOf(refs: readonly CatalogVersionRef[]): Map<number, EpochMs> {
    const starts = new Map<number, EpochMs>();
    let previous = Number.NEGATIVE_INFINITY;
    refs.forEach((ref, index) => {
      let start = index === 0 ? Number.NEGATIVE_INFINITY : Date.parse(ref.publishedAt);
      const seen = this.seenAt.get(ref.seq);
      if (seen !== undefined && seen < start) start = seen;
      if (start < previous) start = previous;
      starts.set(ref.seq, start);
      previous = start;
    });
    return starts;
  }

  private async compiled(ref: CatalogVersionRef, from: EpochMs): Promise<CompiledCatalog> {
    const latest = this.current()!;
    if (ref.seq === latest.seq) return latest;
    const cached = this.earlier.get(ref.seq);
    if (cached && cached.from === from) return cached;
    const compiled = compileCatalog({ ...ref, catalog: await this.source.catalogOf(ref.seq) }, from);
    if (this.earlier.size >= EARLIER_COMPILED) this.earlier.delete(this.earlier.keys().next().value as number);
    this.earlier.set(ref.seq, compiled);
    return compiled;
  }
}
