export { planWindows, ownerWindows, type TimeWindow } from './planWindows';
export {
  clusterInWindows,
  type WindowedClustering,
  type WindowedInput,
  type WindowedOptions,
  type WindowReport,
} from './clusterInWindows';
export { longStreamWindow } from './longStreamWindow';
