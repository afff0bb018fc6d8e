import { catalogWith } from '@underpin/testing';
import { planRecipients } from './recipients.util';

const BOTH = new Set(['email', 'webhook'] as const);

describe(planRecipients.name, () => {
  it("gives each contact every channel it has, bound to its calendar when it respects it", () => {
    const catalog = catalogWith(['  - { id: p, when: { event: breach }, notify: [slm] }']);
    expect(planRecipients(catalog.escalations![0]!, catalog, undefined, BOTH)).toEqual({
      deliveries: [
        { recipient: 'slm', channel: 'email', address: 'slm@example.com', calendar: 'office-se' },
        { recipient: 'slm', channel: 'webhook', address: 'https://hooks.example.com/slm', calendar: 'office-se' },
      ],
      notes: [],
    });
  });

  it("lets the policy override the contact's calendar and restrict the channels", () => {
    const catalog = catalogWith(['  - { id: p, when: { event: breach }, notify: [slm], channels: [webhook], respectCalendar: false }']);
    expect(planRecipients(catalog.escalations![0]!, catalog, undefined, BOTH).deliveries).toEqual([
      { recipient: 'slm', channel: 'webhook', address: 'https://hooks.example.com/slm' },
    ]);
  });

  it('reaches the contacts of the holding party, once each, and says when nobody holds the incident', () => {
    const catalog = catalogWith(['  - { id: p, when: { event: warning }, notify: [holder, desk-lead] }']);
    const policy = catalog.escalations![0]!;
    expect(planRecipients(policy, catalog, 'service-desk', BOTH).deliveries.map((d) => `${d.recipient}/${d.channel}`)).toEqual(['desk-lead/email', 'desk-hook/webhook']);
    expect(planRecipients(policy, catalog, undefined, BOTH).notes).toEqual(['holder: nobody holds the incident']);
    expect(planRecipients(policy, catalog, 'meetcloud', BOTH).notes).toEqual(['holder: party meetcloud has no contacts']);
  });

  it('leaves out channels switched off on this service, with a note', () => {
    const catalog = catalogWith(['  - { id: p, when: { event: breach }, notify: [slm] }']);
    expect(planRecipients(catalog.escalations![0]!, catalog, undefined, new Set(['webhook'] as const))).toEqual({
      deliveries: [{ recipient: 'slm', channel: 'webhook', address: 'https://hooks.example.com/slm', calendar: 'office-se' }],
      notes: ['slm: email is switched off on this service'],
    });
  });
});
