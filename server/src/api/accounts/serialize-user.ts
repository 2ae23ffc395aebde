import type { ApiUser } from "../principal";

/** Sentry's user shape (the fields tools read). */
export function serializeUser(user: ApiUser & { createdAt?: Date; lastLogin?: Date | null }) {
  return {
    id: String(user.id),
    email: user.email,
    username: user.email,
    name: user.name || user.email,
    isSuperuser: user.isSuperuser,
    isActive: true,
    hasPasswordAuth: true,
    has2fa: user.has2fa ?? false,
    dateJoined: user.createdAt?.toISOString() ?? null,
    lastLogin: user.lastLogin?.toISOString() ?? null,
    avatar: { avatarType: "letter_avatar", avatarUuid: null },
  };
}
