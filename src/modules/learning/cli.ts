/**
 * `hearth learning check`: reads every course file and names each broken one with its line,
 * so whoever edits the course finds out before the server does (it refuses to start too).
 */
import type { Command } from 'commander';
import { COURSE_DIR, checkCourseFiles, readCourse } from './content.ts';

/**
 * Checks the course files in a folder and writes what it found.
 * @returns the exit code: 0 when every file is right, 1 otherwise
 */
export function runLearningCheck(
  dir: string,
  out: { log(line: string): void; error(line: string): void },
): number {
  const problems = checkCourseFiles(dir);
  if (problems.length > 0) {
    for (const p of problems) out.error(p);
    out.error(`${problems.length} course file(s) need fixing. Nothing was changed.`);
    return 1;
  }
  try {
    const course = readCourse(dir);
    const questions = course.sections.reduce((n, s) => n + s.questions.length, 0);
    out.log(
      `The course is ready: ${course.sections.length} sections, ${questions} questions, about ${course.minutes} minutes.`,
    );
    return 0;
  } catch (error) {
    out.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

/** Adds `hearth learning check`. */
export function registerLearningCommands(program: Command): void {
  program
    .command('learning')
    .description('the trauma-informed practice course')
    .command('check')
    .description('check the course files: front matter, and one right answer per question')
    .option('--dir <folder>', 'the folder of course files', COURSE_DIR)
    .action((options: { dir: string }) => {
      process.exitCode = runLearningCheck(options.dir, console);
    });
}
