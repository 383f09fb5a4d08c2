import type { MetaFunction } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import { pageTitle } from "~/components/page-title";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction = () => pageTitle("Privacy notice");

export default function PrivacyPage() {
  const forceName = useRouteLoaderData<typeof rootLoader>("root")?.forceName ?? "The police force";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Privacy notice</h1>
        <p className="govuk-body">
          {forceName} is the controller for the information you give in this service. We use it to protect children
          under the Child Sex Offender Disclosure Scheme. The law that allows this is Part 3 of the Data Protection Act
          2018 (processing for law enforcement purposes).
        </p>
        <h2 className="govuk-heading-m">What we collect</h2>
        <p className="govuk-body">
          Your details and how to contact you safely, details of the child or children, details of the person you are
          worried about, and why you are worried.
        </p>
        <h2 className="govuk-heading-m">Who we share it with</h2>
        <p className="govuk-body">
          We may share it with children&rsquo;s social care, probation, health services, schools and other police
          forces when this is needed to protect a child. We do not tell the person you asked about that you applied.
        </p>
        <h2 className="govuk-heading-m">How long we keep it</h2>
        <p className="govuk-body">
          Answers you have not sent are deleted after 24 hours. Applications are kept and reviewed in line with the
          national rules for police information (Management of Police Information).
        </p>
        <h2 className="govuk-heading-m">Cookies</h2>
        <p className="govuk-body">
          This service uses one essential cookie to keep your answers while you fill in the form. It is deleted when
          you close your browser. We do not use analytics or advertising cookies.
        </p>
        <h2 className="govuk-heading-m">Your rights</h2>
        <p className="govuk-body">
          You can ask for a copy of the information we hold about you, and ask us to correct it. Some rights are
          limited where this is needed to protect children or to prevent crime. You can complain to the Information
          Commissioner&rsquo;s Office.
        </p>
      </div>
    </div>
  );
}
