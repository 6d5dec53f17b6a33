/** Training jobs (each in a child process), their persisted state, and the corpus a job learns from. */
export { TrainingCorpusError, TrainingJobError } from './errors';
export { loadTrainingCorpus, type TrainingCorpus, type TrainingCorpusDeps } from './loadTrainingCorpus';
export { TrainingJobs, type TrainingJobsListener, type TrainingJobsOptions } from './TrainingJobs';
export { formatDuration, formatProgress, formatStageMetrics } from './formatProgress';
