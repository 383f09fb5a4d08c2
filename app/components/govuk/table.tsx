import type { ReactNode } from "react";
import { cx } from "./utils";

export interface TableProps {
  caption?: ReactNode;
  /** For example "govuk-table__caption--m". */
  captionClassName?: string;
  head: string[];
  rows: ReactNode[][];
  /** Renders each row's first cell as a row header (`<th scope="row">`). */
  firstCellIsHeader?: boolean;
}

export function Table({ caption, captionClassName, head, rows, firstCellIsHeader }: TableProps) {
  return (
    <table className="govuk-table">
      {caption != null && (
        <caption className={cx("govuk-table__caption", captionClassName)}>{caption}</caption>
      )}
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {head.map((heading, index) => (
            <th key={index} scope="col" className="govuk-table__header">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((cells, rowIndex) => (
          <tr key={rowIndex} className="govuk-table__row">
            {cells.map((cell, index) =>
              firstCellIsHeader && index === 0 ? (
                <th key={index} scope="row" className="govuk-table__header">
                  {cell}
                </th>
              ) : (
                <td key={index} className="govuk-table__cell">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
