import { createTransport } from 'nodemailer';
import { startMailCatcher, type RunningMailCatcher } from './mail-catcher';

/** The catcher over a real SMTP exchange (nodemailer, as the notification service sends) and its pages over HTTP. */
describe('the mail catcher', () => {
  let catcher: RunningMailCatcher;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  });
  afterAll(() => catcher?.stop());

  it('keeps each mail sent to it, shows it on its pages and answers it as JSON', async () => {
    const transport = createTransport(catcher.smtpUrl);
    await transport.sendMail({
      from: 'Élan <no-reply@elan.test>',
      to: 'camille@example.org',
      subject: 'Reçu <de> votre contribution',
      text: 'Contribution : 25,00 €',
      html: '<p>Contribution : <strong>25,00 €</strong><script>alert(1)</script></p>',
      messageId: '<probe-1@notification.elan>',
    });
    transport.close();

    const [mail] = catcher.mails();
    expect(catcher.mails()).toHaveLength(1);
    expect(mail).toMatchObject({
      id: 1,
      to: ['camille@example.org'],
      subject: 'Reçu <de> votre contribution',
      messageId: '<probe-1@notification.elan>',
    });
    expect(mail?.text.trim()).toBe('Contribution : 25,00 €');
    expect(mail?.html).toContain('<strong>25,00 €</strong>');

    const list = await fetch(`${catcher.inboxUrl}/`);
    const listed = await list.text();
    expect(listed).toContain('Reçu &lt;de&gt; votre contribution');
    const page = await (await fetch(`${catcher.inboxUrl}/mails/1`)).text();
    expect(page).toContain('<iframe sandbox');
    expect(page).toContain('Contribution : 25,00 €');
    const json = (await (await fetch(`${catcher.inboxUrl}/api/mails`)).json()) as { subject: string }[];
    expect(json.map((m) => m.subject)).toEqual(['Reçu <de> votre contribution']);
    expect((await fetch(`${catcher.inboxUrl}/mails/9`)).status).toBe(404);

    await fetch(`${catcher.inboxUrl}/api/mails`, { method: 'DELETE' });
    expect(catcher.mails()).toEqual([]);
  });
});
