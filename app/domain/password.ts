/** Passwords people can type on a phone keyboard, long enough to resist guessing. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** Initial passwords are read off paper and typed by hand: no 0/O or 1/l/I to confuse. */
export const INITIAL_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const INITIAL_PASSWORD_LENGTH = 10;
