import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Button, InsetText, WarningText } from "~/components/govuk";
import { SERVICE_NAME } from "~/components/page-title";

export const meta: MetaFunction = () => [{ title: SERVICE_NAME }];

export default function StartPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">{SERVICE_NAME}</h1>
        <WarningText>If a child is in danger now, call 999.</WarningText>
        <p className="govuk-body">
          You can ask the police whether someone who has contact with a child has a record for child sexual
          offences, or is otherwise a risk to that child. This is the Child Sex Offender Disclosure Scheme,
          sometimes called &ldquo;Sarah&rsquo;s Law&rdquo;.
        </p>
        <p className="govuk-body">Anyone can ask: a parent, grandparent, carer, neighbour or friend.</p>
        <p className="govuk-body">You will need to tell us about:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>yourself, and a safe way to contact you</li>
          <li>the child or children</li>
          <li>the person you are worried about – you can answer &ldquo;I do not know&rdquo; to most questions</li>
          <li>why you are worried</li>
        </ul>
        <p className="govuk-body">It usually takes about 15 minutes. Your answers are saved as you go for 24 hours.</p>

        <Button href="/apply/danger" isStartButton>
          Start now
        </Button>

        <h2 className="govuk-heading-m">This service is not for</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>
            a child in danger now, or a crime happening now – call 999
          </li>
          <li>
            checking someone for a job or volunteering role – use a{" "}
            <a className="govuk-link" href="https://www.gov.uk/government/organisations/disclosure-and-barring-service" rel="noreferrer">
              Disclosure and Barring Service (DBS) check
            </a>
          </li>
          <li>
            asking whether your own partner has been abusive in the past – ask under the{" "}
            <a className="govuk-link" href="https://www.gov.uk/guidance/domestic-violence-disclosure-scheme-factsheet" rel="noreferrer">
              Domestic Violence Disclosure Scheme (Clare&rsquo;s Law)
            </a>
          </li>
        </ul>

        <h2 className="govuk-heading-m">What happens after you apply</h2>
        <ol className="govuk-list govuk-list--number">
          <li>We check within 24 hours whether any child is at immediate risk.</li>
          <li>
            We contact you, only in the way you tell us is safe, usually within 10 days. We will meet you to check
            who you are and your link to the child.
          </li>
          <li>We research the person and assess any risk to the child.</li>
          <li>We aim to make a decision within 28 days of your application.</li>
        </ol>
        <p className="govuk-body">
          If we decide to share information, we tell the person best placed to protect the child. This may not be
          you. Information is shared in person, and must be kept confidential.
        </p>

        <h2 className="govuk-heading-m">Staying safe while you use this service</h2>
        <p className="govuk-body">
          Use the &ldquo;Exit this page&rdquo; button at any time to leave quickly. With JavaScript on, you can also
          press the Shift key 3 times. Exit this page deletes the answers you have not sent yet, from this device and
          from our system, and takes you to a weather website. It cannot remove the visit from your browser
          history.
        </p>
        <p className="govuk-body">
          If someone else uses this device, open a private window (also called incognito or InPrivate) before you
          start: the browser then keeps no history of your visit once you close the window. Nothing you type appears
          in the address bar or page titles. Close your browser when you have finished.
        </p>
        <InsetText>
          We do not tell the person you are asking about that you have applied.
        </InsetText>

        <h2 className="govuk-heading-m">How we use your information</h2>
        <p className="govuk-body">
          We use what you tell us to protect children, under Part 3 of the Data Protection Act 2018. We may share it
          with children&rsquo;s social care, probation, health services and schools.{" "}
          <Link className="govuk-link" to="/privacy">
            Read the privacy notice
          </Link>
          .
        </p>
      </div>
    </div>
  );
}
