export { createAnalyzeHandler } from './handler';
export { buildRankingInput } from './ranking-input';
export { answerRcaRequest } from './rca-request';
