import { apiSend, buildUrl } from "../../api/client";

export interface TwoFactorStatus {
  enabled: boolean;
  dateEnabled: string | null;
  recoveryCodesLeft: number;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
}

export const TWO_FACTOR_PATH = "/users/me/two-factor/";

/** The waiting enrolment's QR code (a PNG from this origin, as the dashboard's CSP wants). */
export const ENROLMENT_QR_URL = buildUrl(`${TWO_FACTOR_PATH}enrol/qr/`);

export const twoFactorApi = {
  enrol: () => apiSend<Enrolment>("POST", `${TWO_FACTOR_PATH}enrol/`),
  confirm: (code: string) =>
    apiSend<{ enabled: true; recoveryCodes: string[] }>("POST", `${TWO_FACTOR_PATH}confirm/`, { code }),
  disable: (proof: { password?: string; code?: string }) => apiSend<null>("DELETE", TWO_FACTOR_PATH, proof),
  newRecoveryCodes: (proof: { password?: string; code?: string }) =>
    apiSend<{ recoveryCodes: string[] }>("POST", `${TWO_FACTOR_PATH}recovery-codes/`, proof),
  /** The sign-in's second step, after the password (or single sign-on). */
  finishLogin: (body: { pendingLogin: string; code?: string; recoveryCode?: string }) =>
    apiSend<{ user: unknown }>("POST", "/auth/login/two-factor/", body),
};
