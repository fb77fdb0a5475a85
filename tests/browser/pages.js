// One table of the page types the browser tests visit: the accessibility test (a11y.test.js)
// runs axe-core and vnu on each, and the layout test checks each on a phone. Add a row when a
// new page type lands.
export const PAGES = [
  { name: "teacher home", path: "/" },
  { name: "stage", path: "/primary/" },
  { name: "lesson", path: "/primary/developmental/adaptation/hello-new-school/" },
  { name: "kit", path: "/primary/developmental/social/chao-jia-yi-hou/" },
  { name: "print view", path: "/primary/developmental/social/chao-jia-yi-hou/print/" },
  { name: "letter", path: "/primary/developmental/social/chao-jia-yi-hou/jia-zhang-xin/" },
  { name: "training", path: "/training/crisis-intervention/" },
  { name: "training session", path: "/training/crisis-intervention/01-recognising/" },
  { name: "certificate", path: "/training/crisis-intervention/certificate/" },
  { name: "report", path: "/report/" },
  { name: "grades", path: "/grades/" },
  { name: "grade", path: "/grades/grade-4/" },
  { name: "进度表", path: "/grades/grade-4/schedule/" },
  { name: "班会 index", path: "/class-meetings/" },
  { name: "search", path: "/search/" },
  { name: "school home", path: "/schools/qinghe-primary/" },
  { name: "micro-course", path: "/schools/qinghe-primary/primary/remedial/internet-addiction/parents-pingmu-yueding/" },
  { name: "倾听一刻钟", path: "/schools/qinghe-primary/parents/listen-15/" },
  { name: "events", path: "/schools/qinghe-primary/events/" },
  { name: "event", path: "/schools/qinghe-primary/events/e-20261218-1630/" },
  { name: "A4 notice", path: "/schools/qinghe-primary/events/e-20261218-1630/notice/" },
  { name: "content page", path: "/schools/qinghe-primary/parents/help/" },
  { name: "school search", path: "/schools/qinghe-primary/search/" },
  { name: "large text", path: "/schools/qinghe-primary/", bigText: true },
];
