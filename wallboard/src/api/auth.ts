/** Sign-in, sessions and one's own password (`/api/v1/auth/…`). */
import type { ChangePasswordRequest, KioskSignInRequest, LoginRequest, SessionInfo } from '@callboard/api/wire';
import { http } from './http';

export type { Capability, Role, Scope, SessionInfo, UserRole } from '@callboard/api/wire';

export const fetchSession = () => http.get<SessionInfo>('/api/v1/auth/session');

export const login = (body: LoginRequest) => http.post<SessionInfo>('/api/v1/auth/login', body);

export const logout = () => http.post<void>('/api/v1/auth/logout');

export const kioskSignIn = (body: KioskSignInRequest) => http.post<SessionInfo>('/api/v1/auth/kiosk', body);

export const changePassword = (body: ChangePasswordRequest) => http.post<void>('/api/v1/auth/password', body);
