import proto from '@temporalio/proto';

// @temporalio/common's historyToJSON/historyFromJSON load a second protobufjs copy in this install and fail with
// "type must be a Type"; the generated History class of @temporalio/proto round-trips on its own.
const History = proto.temporal.api.history.v1.History;
type HistoryMessage = proto.temporal.api.history.v1.History;

/** History as plain JSON (int64s and enums as strings, bytes as base64). */
export function historyToPlainJson(history: proto.temporal.api.history.v1.IHistory): string {
  const message = History.fromObject(History.toObject(history as HistoryMessage));
  return JSON.stringify(
    History.toObject(message, { longs: String, enums: String, bytes: String, defaults: false }),
    null,
    1,
  );
}

/** The History a {@link historyToPlainJson} string came from. */
export function historyFromPlainJson(json: string): HistoryMessage {
  return History.fromObject(JSON.parse(json) as Record<string, unknown>);
}
