import { readFile } from 'node:fs/promises';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Catalog, SecretRef } from '@underpin/domain';
import { CatalogReplicaService } from '@underpin/platform';
import { NOTIFICATIONS_CONFIG } from '../../config/notifications-config.constant';
import type { NotificationsConfig } from '../../config/notifications.config';

/** Shortest signing key accepted: an HMAC key much shorter than this is guessable. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

export type SecretLookup = { ok: true; secret: string } | { ok: false; reason: string };

export function describeSecretRef(ref: SecretRef): string {
  return 'env' in ref ? `variable ${ref.env}` : `file ${ref.file}`;
}

/**
 * Reads webhook signing keys where the catalogue says they are: a variable of this process's
 * environment or a file (a mounted secret). They are read at each send, so a rotated file is
 * picked up without a restart, and never stored or logged.
 */
@Injectable()
export class WebhookSecretsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookSecretsService.name);
  private stopListening: (() => void) | undefined;

  constructor(
    private readonly replica: CatalogReplicaService,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async lookup(ref: SecretRef): Promise<SecretLookup> {
    let secret: string | undefined;
    if ('env' in ref) {
      secret = this.config.secretEnv[ref.env] || undefined;
      if (secret === undefined) return { ok: false, reason: `variable ${ref.env} is not set on the notifications service` };
    } else {
      try {
        // A secret file written by hand or by an orchestrator often ends with one newline.
        secret = (await readFile(ref.file, 'utf8')).replace(/\r?\n$/, '');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        return { ok: false, reason: `file ${ref.file} cannot be read by the notifications service (${code})` };
      }
    }
    if (secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
      return { ok: false, reason: `the key in ${describeSecretRef(ref)} has ${secret.length} characters; a signing key needs at least ${MIN_WEBHOOK_SECRET_LENGTH}` };
    }
    return { ok: true, secret };
  }

  /** Says at boot and at each new catalogue which webhooks could not be signed now. */
  async onApplicationBootstrap(): Promise<void> {
    this.stopListening = this.replica.onChange((next) => this.check(next.catalog));
    const current = this.replica.current();
    if (current) await this.check(current.catalog);
  }

  /**
   * As soon as the service begins to stop, not once the features that send through it have
   * stopped (Nest stops them first): a catalogue arriving meanwhile is checked at the next start.
   */
  beforeApplicationShutdown(): void {
    this.stopListening?.();
  }

  private async check(catalog: Catalog): Promise<void> {
    for (const contact of catalog.contacts ?? []) {
      if (!contact.webhook) continue;
      const found = await this.lookup(contact.webhook.secret);
      if (!found.ok) this.logger.warn(`contact ${contact.id}: its webhook cannot be signed until this is fixed: ${found.reason}`);
    }
  }
}
