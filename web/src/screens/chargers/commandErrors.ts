import type { ApiError } from '../../api/client';

/** What went wrong with a command, in an operator's words, with the API's detail kept. */
export function commandErrorText(error: ApiError): { title: string; detail: string } {
  switch (error.status) {
    case 409:
      return { title: 'The charger is offline', detail: 'It has no open connection, so nothing was sent. Try again once it reconnects.' };
    case 504:
      return { title: 'No answer from the charger', detail: 'The command was sent but the charger did not answer in time. It may still act on it.' };
    case 502:
      return error.code === 'charger_error'
        ? { title: 'The charger answered with an error', detail: error.message }
        : { title: 'The charger\'s answer was not usable', detail: error.message };
    case 422:
      return { title: 'The command is not valid', detail: error.field ? `${error.field}: ${error.message}` : error.message };
    case 403:
      return { title: 'Not allowed', detail: error.message };
    case 404:
      return { title: error.code === 'unknown_action' ? 'The charger does not take this command' : 'Not found', detail: error.message };
    case 0:
      return { title: 'The server cannot be reached', detail: error.message };
    default:
      return { title: `Failed (${error.status})`, detail: error.message };
  }
}
