/**
 * `hearth enquiry …` commands: check that the configured key opens this database, and re-encrypt
 * every disclosure under the current key after a rotation.
 */
import type { Command } from 'commander';
import type { EnquiryService } from './service.ts';

/** Opens the configured database and runs `fn` with the enquiry service. */
export type WithEnquiry = (fn: (enquiry: EnquiryService) => Promise<void>) => Promise<void>;

/** Adds the enquiry sub-commands. */
export function registerEnquiryCommands(program: Command, withEnquiry: WithEnquiry): void {
  const enquiry = program.command('enquiry').description('asking about trauma');
  enquiry
    .command('check-key')
    .description('check that the configured encryption key opens this database')
    .action(async () => {
      await withEnquiry(async (service) => {
        await service.keys.check();
        console.log('The encryption key matches this database.');
      });
    });
  enquiry
    .command('rotate-key')
    .description(
      're-encrypt every disclosure under HEARTH_ENCRYPTION_KEY (old keys in HEARTH_ENCRYPTION_KEYS_OLD)',
    )
    .action(async () => {
      await withEnquiry(async (service) => {
        const { reencrypted, alreadyCurrent } = await service.keys.rotate();
        console.log(
          `Re-encrypted ${reencrypted} values under the current key (${alreadyCurrent} already used it). ` +
            'Once this has run everywhere and backups made before it have expired, the old key can be removed from HEARTH_ENCRYPTION_KEYS_OLD.',
        );
      });
    });
}
