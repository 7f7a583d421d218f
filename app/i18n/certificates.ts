/** Messages of the certificate and verification pages (vi first; en must have every key). */
export const certificatesVi = {
  "certificates.title": "Chứng nhận của tôi",
} as const;

export const certificatesEn: Record<keyof typeof certificatesVi, string> = {
  "certificates.title": "My certificates",
};
