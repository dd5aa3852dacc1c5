/** Says plainly that the pane runs outside Excel, on an in-memory example workbook. */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useStrings } from '../strings';

export function PreviewBanner() {
  const s = useStrings();
  return (
    <MessageBar intent="info" layout="multiline" data-testid="preview-banner">
      <MessageBarBody>
        <MessageBarTitle>{s.previewBanner.title}</MessageBarTitle>
        {s.previewBanner.body}
      </MessageBarBody>
    </MessageBar>
  );
}
