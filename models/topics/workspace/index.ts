/** What the analyst's workspace draws beyond the topics: the 2-D map, the topic hierarchy, message types, highlights. */
export {
  mapLayout,
  MAP_EPOCHS,
  MAP_MIN_DIST,
  MAP_NEIGHBOURS,
  type BackgroundMapLayout,
  type MapLayout,
  type MapLayoutOptions,
} from './mapLayout';
export { topicHierarchy, type TopicHierarchyInput } from './topicHierarchy';
export { topicFeatures, type TopicFeatures, type TypedMessage } from './topicFeatures';
export { messageType, MESSAGE_TYPE_RULES, type MessageTypeRule } from './messageTypes';
export { topicMessageTypes } from './topicMessageTypes';
export { highlights, MAX_HIGHLIGHTS, type HighlightInput } from './highlights';
export { foldMessage, isEmoteToken, isGreeting, isNotice, isVote } from './chatShapes';
