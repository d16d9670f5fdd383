export { LOOKALIKE_END_LENGTH, lookalikeKey } from './lookalike';
export { PaidAddresses, type PaidAddress } from './paid-addresses';
export {
  ACCEPTABLE_RISKS,
  addressRiskProblems,
  tokenContractAt,
  type AcceptableRisk,
  type AddressRisk,
  type RiskRow,
} from './risk-problems';
export { TOKEN_CONTRACTS, type TokenContract } from './token-contracts';
