/** The chat simulator: a deterministic French Twitch chat with planted topics (ground truth in `topic`). */
export {
  createChatSimulator,
  simulateChat,
  type ChatSimulator,
  type ChatSimulatorOptions,
  type SimulateChatOptions,
} from './ChatSimulator';
export { writeSimulationJsonl, simulationStreamInfo } from './writeSimulationJsonl';
export { TOPIC_IDS, BOT_TOPIC_IDS } from './topics';
