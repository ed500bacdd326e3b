'use strict';
// What a step sees: its data table, doc string, the scenario context, role/platform/run id, a logger.

class DataTable {
  constructor(headers, rows) {
    this.headers = headers.map(String);
    this.rows = rows.map((r) => ({ ...r }));
  }

  static fromJSON(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const headers = Array.isArray(value.headers) ? value.headers : [];
    const rows = Array.isArray(value.rows) ? value.rows.filter((r) => r && typeof r === 'object' && !Array.isArray(r)) : [];
    return new DataTable(headers, rows);
  }

  hashes() {
    return this.rows.map((r) => ({ ...r }));
  }

  raw() {
    return [[...this.headers], ...this.rows.map((r) => this.headers.map((h) => (h in r ? r[h] : '')))];
  }

  get length() {
    return this.rows.length;
  }

  [Symbol.iterator]() {
    return this.rows[Symbol.iterator]();
  }

  toJSON() {
    return { headers: this.headers, rows: this.rows };
  }
}

class DocString {
  constructor(content, mediaType) {
    this.content = content;
    this.mediaType = mediaType === undefined ? null : mediaType;
  }

  toString() {
    return this.content;
  }

  toJSON() {
    return { content: this.content, mediaType: this.mediaType };
  }
}

/** Passed as the first argument (and `this`) to every step and hook. */
class StepContext {
  constructor(session, params, logger) {
    this.role = session.role ?? null;
    this.platform = session.platform ?? null;
    this.testRunId = session.testRunId ?? null;
    this.scenario = session.scenario ?? null;
    this.feature = session.feature ?? null;
    this.featureId = session.featureId ?? null;
    this.hostPid = session.hostPid ?? null;
    this.tags = session.tags || [];
    this.process = params.process ?? null;
    this.stepType = params.stepType ?? null;
    this.step = params.step ?? null;
    this.originalStep = params.originalStep ?? null;
    this.parameters = params.parameters && typeof params.parameters === 'object' ? params.parameters : {};
    this.isBroadcast = Boolean(params.isBroadcast);
    this.timeoutMs = params.timeoutMs ?? null;
    const context = params.context;
    this.context = context && typeof context === 'object' && !Array.isArray(context) ? context : {};
    this.table = DataTable.fromJSON(params.table);
    const doc = params.docString;
    this.docString = doc && typeof doc === 'object' ? new DocString(String(doc.content ?? ''), doc.mediaType) : null;
    this.log = logger;
  }
}

module.exports = { DataTable, DocString, StepContext };
