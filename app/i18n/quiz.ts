/** Messages of the quiz pages (vi first; en must have every key). */
export const quizVi = {
  "quiz.title": "Bài kiểm tra",
} as const;

export const quizEn: Record<keyof typeof quizVi, string> = {
  "quiz.title": "Quiz",
};
