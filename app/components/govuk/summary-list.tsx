import type { ReactNode } from "react";
import { cx } from "./utils";

export interface SummaryAction {
  href: string;
  text: string;
  /** Completes the link text for screen readers, for example "name" in "Change name". */
  visuallyHiddenText?: string;
}

export interface SummaryListRow {
  /** An id for the row, so a link can return to it (check answers after a change). */
  id?: string;
  key: string;
  value: ReactNode;
  actions?: SummaryAction[];
}

export interface SummaryListProps {
  rows: SummaryListRow[];
  /** Wraps the list in a summary card with a title (and optional card actions). */
  card?: { title: string; actions?: SummaryAction[] };
}

export function SummaryList({ rows, card }: SummaryListProps) {
  const anyRowHasActions = rows.some((row) => row.actions?.length);
  const list = (
    <dl className="govuk-summary-list">
      {rows.map((row, index) => {
        const actions = row.actions ?? [];
        return (
          <div
            key={`${index}:${row.key}`}
            id={row.id}
            className={cx(
              "govuk-summary-list__row",
              anyRowHasActions && actions.length === 0 && "govuk-summary-list__row--no-actions",
            )}
          >
            <dt className="govuk-summary-list__key">{row.key}</dt>
            <dd className="govuk-summary-list__value">{row.value}</dd>
            {actions.length > 0 && (
              <dd className="govuk-summary-list__actions">
                <Actions
                  actions={actions}
                  cardTitle={card?.title}
                  listClass="govuk-summary-list__actions-list"
                  itemClass="govuk-summary-list__actions-list-item"
                />
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
  if (!card) return list;

  const cardActions = card.actions ?? [];
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{card.title}</h2>
        {cardActions.length === 1 && (
          <div className="govuk-summary-card__actions">
            <ActionLink action={cardActions[0]} cardTitle={card.title} />
          </div>
        )}
        {cardActions.length > 1 && (
          <Actions
            actions={cardActions}
            cardTitle={card.title}
            listClass="govuk-summary-card__actions"
            itemClass="govuk-summary-card__action"
          />
        )}
      </div>
      <div className="govuk-summary-card__content">{list}</div>
    </div>
  );
}

interface ActionsProps {
  actions: SummaryAction[];
  cardTitle?: string;
  listClass: string;
  itemClass: string;
}

/** A single action is a bare link; several become a list. */
function Actions({ actions, cardTitle, listClass, itemClass }: ActionsProps) {
  if (actions.length === 1) return <ActionLink action={actions[0]} cardTitle={cardTitle} />;
  return (
    <ul className={listClass}>
      {actions.map((action, index) => (
        <li key={`${index}:${action.href}`} className={itemClass}>
          <ActionLink action={action} cardTitle={cardTitle} />
        </li>
      ))}
    </ul>
  );
}

function ActionLink({ action, cardTitle }: { action: SummaryAction; cardTitle?: string }) {
  // Screen readers hear "Change name (Card title)"; sighted users see "Change".
  const hidden = cx(action.visuallyHiddenText, cardTitle && `(${cardTitle})`);
  return (
    <a className="govuk-link" href={action.href}>
      {action.text}
      {hidden && <span className="govuk-visually-hidden">{` ${hidden}`}</span>}
    </a>
  );
}
