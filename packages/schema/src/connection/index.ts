export { connectToTarget } from './connect-to-target.js';
export { parseMultiHostUrl, type CandidateHost, type MultiHostUrl } from './multi-host-url.js';
export { describeSessionRole, readSessionRole, sessionRoleMatches, type SessionRole } from './session-role.js';
export { isTargetSessionAttrs, TARGET_SESSION_ATTRS, type TargetSessionAttrs } from './target-session-attrs.js';
