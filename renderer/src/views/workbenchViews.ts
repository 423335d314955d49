import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { WorkbenchView } from '../session/sessionState';

/**
 * A view of the window beside the document list. The article view is the open article with
 * its span panel (Window lays it out); every other view is one library-wide component, loaded
 * the first time it is shown, that fills the space the article and its panel take.
 */
export interface WorkbenchViewEntry {
  id: WorkbenchView;
  /** The header tab's name. */
  title: string;
  /** What the tab's tooltip says the view shows. */
  description: string;
  /** Absent for the article view only. */
  component?: LazyExoticComponent<ComponentType>;
}

/** The header's tabs, in order. A feature with its own view adds one entry here. */
export const WORKBENCH_VIEWS: readonly WorkbenchViewEntry[] = [
  { id: 'article', title: 'Article', description: 'The open article and its spans' },
  {
    id: 'speakers',
    title: 'Speakers',
    description: 'Every speaker in the library with their quotes; rename or merge spellings',
    component: lazy(() => import('./SpeakerIndexView').then((module) => ({ default: module.SpeakerIndexView }))),
  },
  {
    id: 'drift',
    title: 'Drift',
    description: 'Quotes told in more than one article with different words',
    component: lazy(() => import('./DriftView').then((module) => ({ default: module.DriftView }))),
  },
  {
    id: 'agreement',
    title: 'Agreement',
    description: "How your labels agree with another annotator's export, per label, and where they differ",
    component: lazy(() => import('./agreement/AgreementView').then((module) => ({ default: module.AgreementView }))),
  },
  {
    id: 'review',
    title: 'Review',
    description: "Settle each disagreement with another annotator's export: keep yours (m) or take theirs (t)",
    component: lazy(() => import('./review/ReviewView').then((module) => ({ default: module.ReviewView }))),
  },
  {
    id: 'suggestions',
    title: 'Suggestions',
    description: 'How many suggestions were accepted and rejected, per rule',
    component: lazy(() => import('./SuggestionStatsView').then((module) => ({ default: module.SuggestionStatsView }))),
  },
];
