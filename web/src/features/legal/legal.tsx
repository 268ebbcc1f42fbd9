import type { ComponentChildren } from 'preact';
import { TERMS_VERSION } from '../../../../wire/legal.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import '../../styles/legal.css';

/**
 * Terms, Privacy and the 2257 records-keeping statement: readable by anyone, before the age notice
 * too. The text is a sensible starting point, not legal advice; each page says so until the
 * operator's counsel has replaced it (and a substantive Terms change gets a new TERMS_VERSION).
 */
function LegalPage({ title, updated, children }: { title: string; updated: string; children: ComponentChildren }) {
  usePageTitle(title);
  return (
    <article class="page legal-page">
      <h1>{title}</h1>
      <p class="legal-updated">Last updated {updated}</p>
      <aside class="legal-review" aria-label="Draft notice">
        <strong>Draft for the operator’s legal review.</strong> This text is a starting point written with the product,
        not legal advice. It must be reviewed and completed by the operator’s counsel before launch.
      </aside>
      {children}
    </article>
  );
}

export function Terms() {
  return (
    <LegalPage title="Terms of Service" updated={TERMS_VERSION}>
      <p>Version {TERMS_VERSION}. By creating an account or entering Encore you agree to these terms.</p>
      <h2>Who may use Encore</h2>
      <p>
        You must be at least 18 years old, and of the age of majority where you live, to enter, watch, sign up or tip.
        Do not use Encore where adult content is illegal. Performers must pass an identity and age check before going
        live.
      </p>
      <h2>Your account</h2>
      <p>
        Keep your password to yourself; you are responsible for what is done with your account. We may suspend accounts
        that break these terms or the law.
      </p>
      <h2>Tokens and tips</h2>
      <p>
        Tokens are a virtual currency for tipping performers on Encore; one token has a face value of one US cent.
        Tokens are not money, cannot be exchanged back for money, and tips are final except where the law or these terms
        say otherwise (for example a goal that is not reached by its deadline is refunded).
      </p>
      <h2>Content and conduct</h2>
      <p>
        Only verified adult performers may appear on camera. No one under 18 may appear in any stream, picture or
        message. No content without the consent of everyone shown, no recording or redistribution of streams, no
        harassment, threats or hate, and nothing illegal. Report anything that breaks these rules from the room; our
        safety team reviews every report.
      </p>
      <h2>Performers</h2>
      <p>
        Performers keep the share of each tip shown in their studio, payable after the hold period through the payout
        provider, and are responsible for their own taxes.
      </p>
      <h2>Changes</h2>
      <p>When these terms change in substance, the version above changes and we ask you to accept the new version.</p>
    </LegalPage>
  );
}

export function Privacy() {
  return (
    <LegalPage title="Privacy notice" updated={TERMS_VERSION}>
      <h2>What we collect</h2>
      <p>
        Your email, handle, display name and date of birth (to check you are an adult; it is never shown), your tips and
        token purchases, chat messages in rooms, and reports you send or that concern you. Performers also give identity
        documents for the age and identity check.
      </p>
      <h2>How we use it</h2>
      <p>
        To run your account and the rooms, to keep the ledger of tokens and payouts, to keep the platform safe
        (moderation, reports, fraud), and to meet legal duties such as age and records-keeping rules.
      </p>
      <h2>Who sees it</h2>
      <p>
        Other people see your handle, display name and chat. Anonymous tips never show your name. Identity documents are
        encrypted and seen only by our verification staff. The payment provider processes card payments and payouts; we
        do not store card numbers.
      </p>
      <h2>How long we keep it</h2>
      <p>
        Ledger records are kept as the law requires. Identity documents of rejected or abandoned verifications are
        deleted after the retention period; approved performers’ records are kept as records-keeping law requires.
      </p>
      <h2>Your choices</h2>
      <p>
        You can change your profile, sign out everywhere and ask us to close your account. Contact the operator for a
        copy of your data or to correct it.
      </p>
    </LegalPage>
  );
}

export function RecordsStatement() {
  return (
    <LegalPage title="18 U.S.C. 2257 record-keeping statement" updated={TERMS_VERSION}>
      <p>
        All persons who appear in any visual depiction of actual or simulated sexually explicit conduct on this site
        were 18 years of age or older at the time the depiction was created.
      </p>
      <p>
        Every performer on Encore passes an identity and age verification (a government ID, its back where it has one,
        and a photo holding it) before going live. The records required by 18 U.S.C. 2257 and 28 C.F.R. 75 for content
        produced by performers on this platform are kept by the operator’s custodian of records.
      </p>
      <h2>Custodian of records</h2>
      <p class="legal-placeholder">
        [Name and title of the custodian of records]
        <br />
        [Street address where the records are kept]
        <br />
        [Hours the records are available for inspection]
      </p>
      <p>
        Encore is a platform on which performers stream themselves; for live streams the operator acts as a secondary
        producer only to the extent the law makes it one. The operator’s counsel should confirm this statement and the
        custodian details before launch.
      </p>
    </LegalPage>
  );
}
