export { TopicTracker } from './TopicTracker';
export { DEFAULT_TOPIC_TRACKER_OPTIONS, resolveTopicTrackerOptions, type TopicTrackerOptions } from './options';
export { TopicTrackerError, type TopicTrackerErrorCode } from './errors';
export { termCosine } from './termSimilarity';
export { trendDirection } from './trend';
export type { RefitCluster, TopicState, TopicTerm, TrackedTopic, TrackedTopicWithTrend } from './types';
