/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE, through openid-client): the way to the
 * identity provider, and back. The flow's secrets (state, nonce, PKCE verifier) wait in a short-lived cookie; the
 * person is found by the provider's subject, else by a verified email of an allowed domain, else created with the
 * default role. A role mapping, when one matches the ID token's claim, sets the role at each sign-in.
 */
import * as oidc from 'openid-client';
import { ROLES, type Role } from '../domain/roles.ts';
import type { Env } from '../schemas/env.ts';
import { cookieValue } from './admin-auth.ts';

export const SSO_COOKIE = 'kb_sso';
const FLOW_TTL_SECONDS = 600;
export const CALLBACK_PATH = '/reports/sso/callback';

export interface SsoIdentity {
  subject: string;
  email: string;
  name: string | undefined;
  /** The role the mapping gives, or undefined when no mapping matched. */
  mappedRole: Role | undefined;
}
export type SsoOutcome = { ok: true; identity: SsoIdentity; next: string } | { ok: false; reason: string; email?: string };

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export class SingleSignOn {
  readonly name: string;
  private readonly env: Env;
  private config: Promise<oidc.Configuration> | undefined;
  constructor(env: Env) {
    this.env = env;
    this.name = env.KB_OIDC_NAME;
  }

  /** The provider's metadata, fetched once (again after a failure: the provider may have been down). */
  private configuration(): Promise<oidc.Configuration> {
    const issuer = new URL(this.env.KB_OIDC_ISSUER!);
    this.config ??= oidc
      .discovery(issuer, this.env.KB_OIDC_CLIENT_ID!, this.env.KB_OIDC_CLIENT_SECRET, undefined, {
        // A provider on plain http is only ever a local one (a test, a laptop).
        execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.config = undefined;
        throw error;
      });
    return this.config;
  }

  /** Where to send the browser, and the cookie holding the flow's secrets until it comes back. */
  async start(origin: string, next: string, secure: boolean): Promise<{ location: string; cookie: string }> {
    const config = await this.configuration();
    const flow: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
    const location = oidc.buildAuthorizationUrl(config, {
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      scope: `openid email profile`,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    const value = Buffer.from(JSON.stringify(flow)).toString('base64url');
    // Lax, not Strict: the browser comes back from the provider's site, and must bring this cookie along.
    const cookie = `${SSO_COOKIE}=${value}; Path=${CALLBACK_PATH}; HttpOnly; SameSite=Lax; Max-Age=${FLOW_TTL_SECONDS}${secure ? '; Secure' : ''}`;
    return { location: location.href, cookie };
  }

  /** Checks the provider's answer against the flow's secrets, and who it says signed in. */
  async finish(request: Request, origin: string): Promise<SsoOutcome> {
    const flow = parseFlow(cookieValue(request.headers.get('cookie'), SSO_COOKIE));
    if (!flow) return { ok: false, reason: 'the sign-in took too long or was started elsewhere: start again' };
    const config = await this.configuration();
    // The URL the provider redirected to, as it knows it (behind a proxy the request's own URL differs).
    const current = new URL(`${origin}${CALLBACK_PATH}${new URL(request.url).search}`);
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      });
      const id = tokens.claims();
      // Providers that keep the ID token small (oidc-provider by default) give the email and groups at userinfo.
      claims =
        id && typeof id.email === 'string' ? id : id && { ...(await oidc.fetchUserInfo(config, tokens.access_token, id.sub)), ...id };
    } catch (error) {
      return { ok: false, reason: `the identity provider's answer was refused (${(error as Error).message})` };
    }
    const email = typeof claims?.email === 'string' ? claims.email.toLowerCase() : undefined;
    if (!claims || !email) return { ok: false, reason: 'the identity provider did not give an email address' };
    if (claims.email_verified === false) return { ok: false, reason: 'the identity provider has not verified this email address', email };
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const allowed = this.env.KB_OIDC_ALLOWED_DOMAINS;
    if (allowed.length > 0 && !allowed.includes(domain))
      return { ok: false, reason: `${domain} is not a domain allowed to sign in here`, email };
    return {
      ok: true,
      next: flow.next,
      identity: {
        subject: `${config.serverMetadata().issuer}|${String(claims.sub)}`,
        email,
        name: typeof claims.name === 'string' ? claims.name.slice(0, 100) : undefined,
        mappedRole: this.mappedRole(claims[this.env.KB_OIDC_ROLE_CLAIM]),
      },
    };
  }

  private mappedRole(claim: unknown): Role | undefined {
    const values = new Set((Array.isArray(claim) ? claim : [claim]).filter((v): v is string => typeof v === 'string'));
    const roles = this.env.KB_OIDC_ROLE_MAP.filter((m) => values.has(m.value)).map((m) => m.role);
    return roles.sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a))[0];
  }
}

function parseFlow(value: string | undefined): Flow | undefined {
  if (!value) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(value, 'base64url').toString()) as Partial<Flow>;
    const text = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 512;
    return text(flow.state) && text(flow.nonce) && text(flow.verifier) && text(flow.next) ? (flow as Flow) : undefined;
  } catch {
    return undefined;
  }
}

export const CLEARED_SSO_COOKIE = `${SSO_COOKIE}=; Path=${CALLBACK_PATH}; HttpOnly; SameSite=Lax; Max-Age=0`;
