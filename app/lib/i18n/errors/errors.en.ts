import type { Message } from '../messages';
import type { errorsFr } from './errors.fr';

/** English messages of the server's refusals and errors: exactly the French keys. */
export const errorsEn: Readonly<Record<keyof typeof errorsFr, Message>> = {
  'serverError.server.internal': 'Internal server error (the details are in its log).',
  'serverError.request.bad-field': 'Invalid request: {field} must be a non-empty text.',
  'serverError.operator.required':
    'This action is for the operator only: reload the page to get the server’s token again.',
  'serverError.origin.foreign': 'Request refused: it comes from another site than this dashboard.',
  'serverError.channel.bad-name': '"{input}" is not a valid channel name.',
  'serverError.channel.bad-twitch-login':
    '"{input}" is not a Twitch login: 1 to 25 letters, digits or _, without spaces.',
  'serverError.channel.unknown-platform': 'Unknown chat platform "{platform}" (known: {known}).',
  'serverError.channel.not-open': 'The channel "{channel}" is not open.',
  'serverError.channel.not-live': '"{channel}" is not a live channel.',
  'serverError.channel.already-open': 'The channel "{channel}" is already open.',
  'serverError.cluster.no-owner':
    'No node of the deployment could take the channel "{channel}" (all at their limit, or none running).',
  'serverError.quota.channels':
    'Cannot join "{channel}": {open} live channels are open, the most allowed. Leave one first (setting {setting}, variable {env}).',
  'serverError.quota.replays':
    'Cannot open another replay: {open} are open, the most allowed. Close one first (setting {setting}, variable {env}).',
  'serverError.quota.events':
    'Too many actions at once: "{event}" was ignored (at most {rate} per second, bursts of {burst}; setting {setting}, variable {env}).',
  'serverError.stream.unknown': 'The stream "{streamId}" is not in the archive.',
  'serverError.replay.bad-speed': 'The replay speed must be between x{min} and x{max} (got {speed}).',
  'serverError.replay.unknown': 'No replay "{key}".',
  'serverError.topics.off': 'Topic analysis is off on this server (started with --no-topics).',
  'serverError.import.busy':
    'Too many imports at once ({running} running, the limit is {limit}): try again when one has finished.',
  'serverError.import.too-large': 'the file is {size} MB, the limit is {limit} MB.',
  'serverError.import.over-limit': 'the file is over the {limit} MB limit.',
  'serverError.import.unknown-format': 'unknown format "{format}" (one of: {formats}).',
  'serverError.import.empty': 'the file is empty.',
  'serverError.import.no-text': '{file} holds no readable text.',
  'serverError.import.unrecognised':
    '{file} is not a chat file we recognise; expected one of: {formats} (line {line} fits none of them: "{sample}").',
  'serverError.import.binary': '{file} is not a text file; expected one of: {formats}.',
  'serverError.import.not-format': '{file} cannot be read as a {format} file.',
  'serverError.import.unreadable': 'cannot read {file}.',
  'serverError.import.failed': 'the import failed (the details are in the server log).',
  'serverError.admin.disabled':
    'The admin section is locked: no admin password is configured. Start the server with --admin-password <password> (or the environment variable CHAT_TOPICS_ADMIN_PASSWORD), or set adminPasswordHash (CHAT_TOPICS_ADMIN_PASSWORD_HASH) to a hash made by `chat-topics admin hash-password`.',
  'serverError.admin.bad-password': 'Sign-in refused: wrong password.',
  'serverError.admin.too-many-attempts': 'Too many sign-in attempts: try again in {seconds} s.',
  'serverError.admin.signed-out': 'You are not signed in (or the session expired): sign in to the admin section.',
  'serverError.admin.import-running': 'An import is already running ({repo}): wait for it to finish.',
  'serverError.analysis.busy':
    'The same analysis of {streamId} (model {model}, same settings) is already queued or running: job {job}.',
  'serverError.analysis.closed': 'Analyses are closed: the server is stopping.',
  'serverError.analysis.not-cancellable': 'The analysis job {job} has finished: nothing to cancel.',
  'serverError.analysis.unknown-job': 'No analysis job "{job}" since the server started.',
};
