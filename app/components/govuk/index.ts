// GOV.UK Frontend v6 markup as React components. See tests/unit/govuk for the
// fixtures each one is checked against.
export { BackLink, type BackLinkProps } from "./back-link";
export { Button, type ButtonProps } from "./button";
export { CharacterCount, type CharacterCountProps } from "./character-count";
export { Checkboxes, type CheckboxItem, type CheckboxesProps } from "./checkboxes";
export type { ChoiceDivider } from "./choices";
export { DateInput, type DateInputProps, type DatePart } from "./date-input";
export { Details, type DetailsProps } from "./details";
export { ErrorMessage, type ErrorMessageProps } from "./error-message";
export { ErrorSummary, type ErrorSummaryProps } from "./error-summary";
export { ExitThisPage, type ExitThisPageProps } from "./exit-this-page";
export { Fieldset, type FieldsetProps, type LegendSize } from "./fieldset";
export { Footer, FooterLinks, type FooterLink, type FooterProps } from "./footer";
export { Header, type HeaderProps } from "./header";
export { Hint, type HintProps } from "./hint";
export { Input, type InputProps } from "./input";
export { InsetText } from "./inset-text";
export { Label, type LabelProps } from "./label";
export { NotificationBanner, type NotificationBannerProps } from "./notification-banner";
export { Pagination, paginationItems, type PaginationItem, type PaginationLink, type PaginationProps } from "./pagination";
export { Panel, type PanelProps } from "./panel";
export { Radios, type RadioItem, type RadiosProps } from "./radios";
export { Select, type SelectItem, type SelectProps } from "./select";
export {
  ServiceNavigation,
  type ServiceNavigationItem,
  type ServiceNavigationProps,
} from "./service-navigation";
export { SkipLink, type SkipLinkProps } from "./skip-link";
export { SummaryList, type SummaryAction, type SummaryListProps, type SummaryListRow } from "./summary-list";
export { Table, type TableProps } from "./table";
export { PageTabs, Tabs, type PageTabsItem, type PageTabsProps, type TabsItem, type TabsProps } from "./tabs";
export { Tag, type TagColour, type TagProps } from "./tag";
export { Textarea, type TextareaProps } from "./textarea";
export { useGovukModule, type GovukModuleName } from "./use-govuk-module";
export { WarningText } from "./warning-text";
